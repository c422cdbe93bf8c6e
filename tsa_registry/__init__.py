"""tsa-registry: find, check, fine-tune and compare encoders for Norwegian targeted sentiment analysis."""

__version__ = "0.1.0"
