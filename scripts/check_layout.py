"""Checks of how `keras_resnet/` is laid out, run by `.ci/run`: exit 1 with one line per finding.

- **Function length**: no function or method has more than `--max-lines` (60) lines of code in its
  body, counting neither its signature, its docstring nor blank or comment-only lines.
- **Import cycles**: the module import graph (every ``import``/``from`` statement in the AST, the
  ones inside functions included) has no cycle. A package imports its submodules through
  ``from package import module``; a submodule that imports its own package's ``__init__`` counts.
- **Typed public API**: every public function and method of a public module has its parameters
  and return type annotated.
- **Private modules**: no module outside a package imports that package's private (``_name``)
  modules; ``keras_resnet/_x.py`` at the top level is shared by the whole library.

    python scripts/check_layout.py            # all three checks
    python scripts/check_layout.py --graph    # print the import graph, lowest layer first
"""

from __future__ import annotations

import argparse
import ast
import io
import pathlib
import sys
import tokenize

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGE = "keras_resnet"


def modules(root: pathlib.Path = ROOT / PACKAGE) -> dict[str, pathlib.Path]:
    """Dotted module name -> file, for every module of the package."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imported(node: ast.AST, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The package modules one import statement reaches."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in known}
    if not isinstance(node, ast.ImportFrom):
        return set()
    if node.level:
        base = module.split(".")
        base = base[: len(base) - node.level + (1 if is_package else 0)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    reached = set()
    for alias in node.names:
        if f"{target}.{alias.name}" in known:  # `from package import module`
            reached.add(f"{target}.{alias.name}")
        elif target in known:
            reached.add(target)
    return reached


def import_graph(found: dict[str, pathlib.Path] | None = None) -> dict[str, set[str]]:
    """Module -> the package modules it imports (anywhere in its body)."""
    found = modules() if found is None else found
    known = set(found)
    graph = {}
    for name, path in found.items():
        tree = ast.parse(path.read_text(), str(path))
        edges = set()
        for node in ast.walk(tree):
            edges |= _imported(node, name, path.name == "__init__.py", known)
        graph[name] = edges - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _code_lines(source_lines: list[str], node: ast.AST) -> int:
    """Lines of code in a function's body: neither its signature (the formatter writes one
    parameter per line) nor its docstring nor blank or comment-only lines."""
    body = node.body
    skip = set(range(node.lineno, body[0].lineno))
    if (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(getattr(body[0], "value", None), ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        skip |= set(range(body[0].lineno, body[0].end_lineno + 1))
    text = "\n".join(source_lines[node.lineno - 1 : node.end_lineno])
    lines = set()
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type in (
            tokenize.COMMENT,
            tokenize.NL,
            tokenize.NEWLINE,
            tokenize.INDENT,
            tokenize.DEDENT,
            tokenize.ENDMARKER,
        ):
            continue
        for line in range(token.start[0], token.end[0] + 1):
            lines.add(line + node.lineno - 1)
    return len(lines - skip)


def long_functions(
    max_lines: int, found: dict[str, pathlib.Path] | None = None
) -> list[tuple[str, int]]:
    """(where, lines of code) for every function longer than `max_lines`."""
    found = modules() if found is None else found
    long = []
    for path in found.values():
        source = path.read_text()
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source, str(path))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                count = _code_lines(lines, node)
                if count > max_lines:
                    long.append((f"{path.relative_to(ROOT)}:{node.lineno} {node.name}", count))
    return sorted(long, key=lambda item: -item[1])


def _public_functions(tree: ast.Module):
    """Module-level functions and methods of module-level classes whose names are public."""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith(
            "_"
        ):
            yield node.name, node
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            for item in node.body:
                if isinstance(
                    item, (ast.FunctionDef, ast.AsyncFunctionDef)
                ) and not item.name.startswith("_"):
                    yield f"{node.name}.{item.name}", item


def unannotated(found: dict[str, pathlib.Path] | None = None) -> list[str]:
    """``where name(missing)`` for every public function of a public module with a parameter or
    the return value unannotated (``self``/``cls`` aside)."""
    found = modules() if found is None else found
    missing = []
    for name, path in found.items():
        if any(part.startswith("_") and part != "__init__" for part in name.split(".")):
            continue
        for qualified, node in _public_functions(ast.parse(path.read_text(), str(path))):
            args = node.args
            params = [
                *args.posonlyargs,
                *args.args,
                *args.kwonlyargs,
                *filter(None, [args.vararg, args.kwarg]),
            ]
            lacking = [
                a.arg for a in params if a.annotation is None and a.arg not in ("self", "cls")
            ]
            if node.returns is None:
                lacking.append("return")
            if lacking:
                missing.append(
                    f"{path.relative_to(ROOT)}:{node.lineno} {qualified}({', '.join(lacking)})"
                )
    return missing


def private_imports(graph: dict[str, set[str]]) -> list[str]:
    """`importer -> module` for every import of a package's private module from outside that
    package."""
    found = []
    for importer, targets in sorted(graph.items()):
        for target in sorted(targets):
            parent, _, leaf = target.rpartition(".")
            if leaf.startswith("_") and not leaf.startswith("__") and parent != PACKAGE:
                if not (importer == parent or importer.startswith(parent + ".")):
                    found.append(f"{importer} -> {target}")
    return found


def layers(graph: dict[str, set[str]]) -> list[list[str]]:
    """Modules grouped by height: layer 0 imports nothing of the package, layer n only layers
    below n."""
    height: dict[str, int] = {}

    def of(module: str, seen: tuple[str, ...] = ()) -> int:
        if module not in height:
            below = [of(m, seen + (module,)) for m in graph[module] if m not in seen]
            height[module] = 1 + max(below, default=-1)
        return height[module]

    for module in graph:
        of(module)
    grouped: dict[int, list[str]] = {}
    for module, level in height.items():
        grouped.setdefault(level, []).append(module)
    return [sorted(grouped[level]) for level in sorted(grouped)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--max-lines", type=int, default=60)
    parser.add_argument(
        "--graph", action="store_true", help="print the import graph's layers and exit"
    )
    args = parser.parse_args(argv)
    graph = import_graph()
    if args.graph:
        for level, names in enumerate(layers(graph)):
            print(f"{level}: {' '.join(names)}")
        return 0
    findings = [f"import cycle: {' <-> '.join(c)}" for c in cycles(graph)]
    findings += [f"private import: {line}" for line in private_imports(graph)]
    findings += [f"untyped public function: {line}" for line in unannotated()]
    findings += [
        f"long function: {where} has {n} lines of code (at most {args.max_lines})"
        for where, n in long_functions(args.max_lines)
    ]
    for line in findings:
        print(line)
    print(f"check_layout: {len(graph)} modules, {len(findings)} findings", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
