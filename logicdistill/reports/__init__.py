"""Results tables (Markdown, CSV, JSON) mirroring the paper's Tables 1-3, from harness records."""
