"""The works council's involvement in a use case."""
