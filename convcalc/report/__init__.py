"""Reports of an analysis: summary rows, extra columns, explanations, grades."""
