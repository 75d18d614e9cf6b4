"""Community: user groups with members and meetings, and events people register for."""
