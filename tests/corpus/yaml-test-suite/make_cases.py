"""Make cases.json from yaml/yaml-test-suite: run inside a clone of the suite, with the path of cases.json as argument."""
import json, subprocess, sys
def git(*a): return subprocess.run(["git", *a], capture_output=True, check=True).stdout
commit = git("rev-parse", "data").decode().strip()
names = git("ls-tree", "-r", "--name-only", "data").decode().split("\n")
dirs = sorted({n.rsplit("/", 1)[0] for n in names if n.endswith("/in.yaml")})
cases = {}
for d in dirs:
    files = {n.rsplit("/", 1)[1] for n in names if n.rsplit("/", 1)[0] == d}
    raw = git("show", f"data:{d}/in.yaml")
    case = {"name": git("show", f"data:{d}/===").decode().strip(), "yaml": raw.decode("utf-8"), "error": "error" in files}
    if "in.json" in files:
        case["json"] = git("show", f"data:{d}/in.json").decode("utf-8")
    cases[d] = case
out = {"source": "yaml/yaml-test-suite", "branch": "data", "commit": commit, "cases": cases}
json.dump(out, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False, indent=0, sort_keys=True)
print(len(cases))
