#!/usr/bin/env python3
"""Fairness of automatic assignment against the exact optimum (scipy's milp).

For each instance PodiumBench writes (up to 200 occurrences), solve: choose one eligible
person per occurrence, no person in two overlapping briefings (buffer included), at most
maxPerWeek per ISO week, minimising the largest weighted load (the fairness goal). Report
the greedy's max load, the optimum, and their ratio."""
import json
import sys

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp


def solve(inst):
    occ, people = inst["occurrences"], {p["id"]: p for p in inst["people"]}
    var = [(i, p) for i, o in enumerate(occ) for p in o["candidates"]]
    n = len(var) + 1  # last variable: the maximum load z
    rows, lo, hi = [], [], []

    def row(coeffs, low, high):
        r = np.zeros(n)
        for k, c in coeffs:
            r[k] += c
        rows.append(r); lo.append(low); hi.append(high)

    for i in range(len(occ)):
        row([(k, 1) for k, (j, _) in enumerate(var) if j == i], 1, 1)
    for pid, p in people.items():
        mine = [(k, i) for k, (i, q) in enumerate(var) if q == pid]
        # load(p) - z <= 0
        row([(k, occ[i]["weight"]) for k, i in mine] + [(n - 1, -1)], -np.inf, 0)
        for a in range(len(mine)):
            for b in range(a + 1, len(mine)):
                oa, ob = occ[mine[a][1]], occ[mine[b][1]]
                if oa["start"] < ob["end"] + p["buffer"] and ob["start"] < oa["end"] + p["buffer"]:
                    row([(mine[a][0], 1), (mine[b][0], 1)], -np.inf, 1)
        weeks = {}
        for k, i in mine:
            weeks.setdefault(occ[i]["week"], []).append(k)
        for ks in weeks.values():
            row([(k, 1) for k in ks], -np.inf, p["maxPerWeek"])
    c = np.zeros(n); c[-1] = 1
    integrality = np.ones(n); integrality[-1] = 0
    bounds = Bounds(np.zeros(n), np.concatenate([np.ones(n - 1), [np.inf]]))
    res = milp(c, constraints=LinearConstraint(np.array(rows), lo, hi), integrality=integrality, bounds=bounds,
               options={"time_limit": 120})
    # On the time limit, report the best proven lower bound instead (the ratio is then an
    # upper bound on how far the greedy is from the optimum).
    if res.success:
        return res.fun, True
    bound = getattr(res, "mip_dual_bound", None)
    return (bound if bound is not None and np.isfinite(bound) else None), False


def main():
    out = []
    for inst in json.load(open(sys.argv[1])):
        loads = {}
        weight = {o["id"]: o["weight"] for o in inst["occurrences"]}
        for oid, pid in inst["greedy"].items():
            loads[pid] = loads.get(pid, 0) + weight[oid]
        greedy = max(loads.values()) if loads else 0
        optimum, proven = solve(inst)
        out.append({"occurrences": len(inst["occurrences"]), "covered": len(inst["greedy"]),
                    "greedy_max_load": greedy, "optimum" if proven else "lower_bound": optimum,
                    "ratio" if proven else "ratio_at_most": round(greedy / optimum, 3) if optimum else None})
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
