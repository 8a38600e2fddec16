"""Documents: the review report (review), the 审查意见书 (opinion), the indicator view, PDF/ODT writing (pdf), map images
(mapimage) and the Jinja2 templates."""
