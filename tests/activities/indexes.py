"""For tests of other apps' pages that show what has been done: the activities' search index is
built once per change of the data (as the worker's warming does), not on each page."""


def warm_activity_indexes() -> None:
    from cbap.activities.selectors import facet_index

    facet_index("activity")
    facet_index("resource")
