"""Stage 2, computing: villages summed up the hierarchy, the disclosure rule applied, changes worked out."""
