"""Microsoft Teams channel: Adaptive Card rendering (and, next, the Bot Framework transport)."""
