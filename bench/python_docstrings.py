"""Docstrings of Python's standard library, labelled by package: one of the real corpora of
`npm run bench:clusters`. Prints JSON lines {"text", "label"}; run with Debian's /usr/bin/python3."""
import importlib
import inspect
import json
import pkgutil
import sys

PACKAGES = sys.argv[1].split(",")
PER_PACKAGE = int(sys.argv[2])


def members(module):
    for name, value in sorted(vars(module).items()):
        if name.startswith("_") or getattr(value, "__module__", None) != module.__name__:
            continue
        if inspect.isclass(value):
            yield value
            for method_name, method in sorted(vars(value).items()):
                if not method_name.startswith("_") and inspect.isfunction(method):
                    yield method
        elif inspect.isfunction(value):
            yield value


for package in PACKAGES:
    root = importlib.import_module(package)
    modules = [root]
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        if ".test" in info.name or "tests" in info.name or info.name.endswith("__main__"):
            continue
        try:
            modules.append(importlib.import_module(info.name))
        except Exception:
            pass
    seen = set()
    texts = []
    for module in modules:
        for member in members(module):
            doc = inspect.getdoc(member) or ""
            text = " ".join(doc.split("\n\n")[0].split())
            if len(text) >= 60 and text not in seen:
                seen.add(text)
                texts.append(text)
    # spread over the package's modules rather than the first ones
    step = max(1, len(texts) / PER_PACKAGE)
    for i in range(min(PER_PACKAGE, len(texts))):
        print(json.dumps({"text": texts[int(i * step)], "label": package}))
