from fwguide.escape import shown_form
from fwguide.rules import rule
from fwguide.rules._common import did_you_mean, ids, items

MAX_PATHS = 200


def _check_outcome(node_id, node, base, frameworks, report) -> None:
    target = node.get("recommend")
    if isinstance(target, str) and target not in frameworks:
        report(base + ("recommend",), f"decision.nodes[{node_id}]: recommends {target!r}, "
                                      f"which is not a defined framework{did_you_mean(target, frameworks)}")


def _check_answers(node_id, node, base, nodes, report) -> list[str]:
    labels: dict = {}  # shown form -> the label as written first
    targets = []
    for j, answer in items(node, "answers"):
        nxt, label = answer.get("next"), answer.get("label")
        shown = shown_form(label) if isinstance(label, str) else label
        if shown in labels and labels[shown] == label:
            report(base + ("answers", j, "label"), f"decision.nodes[{node_id}]: answer {label!r} is given twice")
        elif shown in labels:
            report(base + ("answers", j, "label"), f"decision.nodes[{node_id}]: answer {label!r} looks the same "
                                                   f"as answer {labels[shown]!r} (they differ only in spacing, "
                                                   f"letter case or invisible characters)")
        labels.setdefault(shown, label)
        if isinstance(nxt, str) and nxt not in nodes:
            report(base + ("answers", j, "next"), f"decision.nodes[{node_id}]: answer {label!r} leads to "
                                                  f"{nxt!r}, which is not a defined node{did_you_mean(nxt, nodes)}")
        elif isinstance(nxt, str):
            targets.append(nxt)
    return targets


@rule("decision-graph", "The decision tree starts at a defined node; every answer leads to a defined node; "
                        "every outcome recommends a defined framework; there is no cycle; every node is "
                        "reachable from the start; answers to one question are distinct as shown (not only in "
                        "spacing, letter case or invisible characters); there are at most "
                        f"{MAX_PATHS} paths from the start to an outcome.")
def check_decision(data, report, today):
    decision = data.get("decision") if isinstance(data, dict) else None
    if not isinstance(decision, dict):
        return
    nodes = {node.get("id"): (i, node) for i, node in items(decision, "nodes")}
    frameworks = ids(data, "frameworks")
    start = decision.get("start")
    if isinstance(start, str) and start not in nodes:
        report(("decision", "start"), f"decision.start: {start!r} is not a defined node{did_you_mean(start, nodes)}")
    edges: dict[str, list[str]] = {}
    for node_id, (i, node) in nodes.items():
        base = ("decision", "nodes", i)
        if "recommend" in node:
            _check_outcome(node_id, node, base, frameworks, report)
        else:
            edges[node_id] = _check_answers(node_id, node, base, nodes, report)
    finished, looped = _walk(start, nodes, edges, report)
    _check_reach(start, nodes, edges, finished, report)
    if finished and not looped:
        _check_path_count(start, edges, finished, report)


def _walk(start, nodes, edges, report) -> tuple[list[str], bool]:
    """Iterative depth-first search from the start (a long chain must not hit the recursion limit).
    Reports each cycle once; returns the nodes in finishing order and whether a cycle was found."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    reported: set = set()
    finished: list[str] = []
    if start not in nodes:
        return finished, False
    state[start], trail, stack = 1, [start], [iter(edges.get(start, []))]
    position = {start: 0}  # node -> its index on the trail (no list search per cycle)
    while stack:
        nxt = next(stack[-1], None)
        if nxt is None:
            state[trail[-1]] = 2
            del position[trail[-1]]
            finished.append(trail.pop())
            stack.pop()
        elif state.get(nxt) == 1:
            if nxt not in reported:
                reported.add(nxt)
                report(("decision", "nodes", nodes[trail[-1]][0]), f"decision: cycle {_loop(trail[position[nxt]:])}")
        elif nxt not in state:
            state[nxt] = 1
            position[nxt] = len(trail)
            trail.append(nxt)
            stack.append(iter(edges.get(nxt, [])))
    return finished, bool(reported)


def _loop(nodes_on_loop: list[str], most: int = 12) -> str:
    """A cycle as 'a -> b -> a'; a long one names its first and last nodes (a message stays one line,
    and many long cycles cost no more than the graph)."""
    shown = nodes_on_loop + nodes_on_loop[:1]
    if len(shown) > most:
        shown = shown[: most // 2] + [f"... ({len(nodes_on_loop) - most + 1} more) ..."] + shown[-(most // 2):]
    return " -> ".join(shown)


def _check_reach(start, nodes, edges, finished, report) -> None:
    """Report the heads of the parts the start does not reach: an unreachable node that no other
    unreachable node leads to, with the count of the nodes that follow it.  One mistyped `next`
    cuts off a whole subtree; listing each node of it would bury the line that says why.  Nodes
    below no head (an unreachable loop) are reported one by one."""
    lost = [n for n in nodes if n not in set(finished) and isinstance(n, str)]
    lost_set = set(lost)
    entered = {t for n in lost for t in edges.get(n, ()) if t in lost_set}
    covered: set = set()
    heads = [n for n in lost if n not in entered]
    below: dict[str, int] = {}
    for head in heads:
        seen, todo = {head}, [head]
        while todo:
            for t in edges.get(todo.pop(), ()):
                if t in lost_set and t not in seen:
                    seen.add(t)
                    todo.append(t)
        below[head] = len(seen) - 1
        covered |= seen
    for node_id in lost:
        if node_id in below:
            more = below[node_id]
            tail = f" (nor are the {more} nodes below it)" if more > 1 else (" (nor is the node below it)" if more else "")
            report(("decision", "nodes", nodes[node_id][0]),
                   f"decision.nodes[{node_id}]: not reachable from the start {start!r}{tail}")
        elif node_id not in covered:
            report(("decision", "nodes", nodes[node_id][0]),
                   f"decision.nodes[{node_id}]: not reachable from the start {start!r}")


def _check_path_count(start, edges, finished, report) -> None:
    """The text version lists every path: keep their number readable."""
    paths: dict[str, int] = {}
    for node_id in finished:  # every node after all the nodes it leads to
        paths[node_id] = sum(paths[n] for n in edges[node_id]) if node_id in edges else 1
    if paths[start] > MAX_PATHS:
        report(("decision", "start"), f"decision: {paths[start]} paths lead from the start to an outcome; "
                                      f"at most {MAX_PATHS} are allowed (the text version lists each one)")
