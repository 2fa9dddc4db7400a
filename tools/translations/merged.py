"""Welsh for messages that meet where two lines of work joined."""

CY = {
    "looks like a person's name ('{text}')": "mae’n edrych fel enw person (‘{text}’)",
    "looks like a street address ('{text}')": "mae’n edrych fel cyfeiriad stryd (‘{text}’)",
}
