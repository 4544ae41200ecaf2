"""The writes of the subsidies app (STYLE: services for writes), by area."""
