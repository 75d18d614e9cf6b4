"""The DPIA threshold check and the data-protection impact assessment."""
