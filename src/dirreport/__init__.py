"""dirreport: the statutory annual report of a Welsh local authority's Director of Social Services."""

__version__ = "0.1.0"
