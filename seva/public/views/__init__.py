"""The citizens' pages, one module per screen: tracking (`track`) and the complaint form
(`complain`)."""
