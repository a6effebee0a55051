"""Renderers: DOT/SVG diagrams, HTML fragments and text trees from the models."""
