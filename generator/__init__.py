"""Build the handbook and directory of Thailand's provincial sister-city programme."""
