// Words for lexical search: lower-cased NFKC letters and digits; Chinese and Japanese runs (no
// spaces between words) become overlapping character bigrams, a single character a unigram, the
// usual way to index them without a dictionary. English stop words carry no topic and are dropped.

const CJK = String.raw`\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}`;
// a CJK run holds letters only (。 and 「 share the scripts' extensions but end a run)
const TOKEN = new RegExp(String.raw`(?:(?=[\p{L}\p{N}])[${CJK}])+|(?:(?![${CJK}])[\p{L}\p{N}\p{M}])+`, 'gu');
const IS_CJK = new RegExp(`^[${CJK}]`, 'u');

export const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its me my no not of on or our ' +
    'she so than that the their them then there these they this those to us was we were what when where which who why will with would you your'
  ).split(' '),
);

export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const [word] of text.normalize('NFKC').toLowerCase().matchAll(TOKEN)) {
    if (IS_CJK.test(word)) {
      const chars = Array.from(word);
      if (chars.length === 1) tokens.push(word);
      for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
    } else if (!STOP_WORDS.has(word)) tokens.push(word);
  }
  return tokens;
}
