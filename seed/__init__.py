"""The bundled seed: the Kaizhou plans and a demonstration layer (shipped as tasktrack._seed)."""
