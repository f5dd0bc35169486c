// Markdown headings with their offsets, so that chunks know their heading path.

export interface Heading {
  /** character offset of the heading line */
  start: number;
  level: number;
  title: string;
}

/** ATX headings ("## Title"), skipping fenced code blocks. */
export function markdownHeadings(text: string): Heading[] {
  const headings: Heading[] = [];
  let fence: string | null = null;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    const fenceMatch = /^ {0,3}(```|~~~)/.exec(line);
    if (fenceMatch) {
      if (fence === null) fence = fenceMatch[1]!;
      else if (fence === fenceMatch[1]) fence = null;
    } else if (fence === null) {
      const heading = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*\r?$/.exec(line);
      if (heading && heading[2]) headings.push({ start, level: heading[1]!.length, title: heading[2].trim() });
    }
    start = end + 1;
  }
  return headings;
}

/** For each offset (ascending), the path of headings in force there, e.g. "Guide › Install". */
export function headingPaths(headings: Heading[], offsets: ArrayLike<number>): string[] {
  const paths: string[] = [];
  const stack: Heading[] = [];
  let next = 0;
  for (let i = 0; i < offsets.length; i++) {
    while (next < headings.length && headings[next]!.start <= offsets[i]!) {
      const heading = headings[next++]!;
      while (stack.length > 0 && stack.at(-1)!.level >= heading.level) stack.pop();
      stack.push(heading);
    }
    paths.push(stack.map((h) => h.title).join(' › '));
  }
  return paths;
}
