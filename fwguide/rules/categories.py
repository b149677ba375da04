from fwguide.rules import rule
from fwguide.rules._common import did_you_mean, ids, items


@rule("references-resolve", "Every feature names a defined category, and every category has a feature.")
def check_categories(data, report, today):
    categories = ids(data, "categories")
    used = set()
    for i, feature in items(data, "features"):
        category = feature.get("category")
        used.add(category)
        if isinstance(category, str) and category not in categories:
            report(("features", i, "category"), f"features[{feature.get('id')}]: unknown category {category!r}"
                                                  f"{did_you_mean(category, categories)}")
    for i, category in items(data, "categories"):
        if category.get("id") not in used:
            report(("categories", i), f"categories[{category.get('id')}]: no feature is in this category")
