"""Rule official-sources (fwguide/rules/sources.py)."""
from support import assert_problem, broken, line_no

RULE = "official-sources"


def test_built_in_claim_must_cite_the_framework_itself():
    text, problems = broken('source: "https://docs.beta.example.org/orm/"', 'source: "https://blog.example.com/orm/"')
    assert_problem(problems, line_no(text, "blog.example.com"), "frameworks[beta].support.orm.source",
                   "framework's own", rule=RULE)


def test_version_source_must_be_official():
    text, problems = broken('version_source: "https://pypi.org/project/alpha/"',
                            'version_source: "https://pypi.org/project/other/"')
    assert_problem(problems, line_no(text, "project/other"), "version_source", rule=RULE)


def test_a_shared_host_counts_only_below_the_project_path():
    # github.com/example/alpha is Alpha's repository; github.com/example/alphabet is not.
    text, problems = broken('licence_source: "https://github.com/example/alpha/blob/main/LICENSE"',
                            'licence_source: "https://github.com/example/alphabet/blob/main/LICENSE"')
    assert_problem(problems, line_no(text, "alphabet"), "licence_source", rule=RULE)

