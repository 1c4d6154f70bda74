"""Pure functions over the curated tables: polars in, polars out, no streamlit."""
