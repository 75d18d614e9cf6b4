"""Co-creation sprints: two weeks, an interdisciplinary team, a board, a demo and a retro."""
