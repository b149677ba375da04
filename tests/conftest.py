from guidehelpers import project_copy  # noqa: F401  (fixture)
