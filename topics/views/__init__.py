"""The topic areas' pages, split by concept: reading, posting, following, resources and meetings."""
