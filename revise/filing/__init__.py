"""Documents as formal 制度 texts for filing: numbered articles (第一条…), as PDF and Word."""
