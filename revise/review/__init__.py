"""What the committee reads about a proposal: the semantic diff, its impact, and the review report."""
