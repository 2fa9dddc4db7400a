"""Sentences written from computed results: values and changes in words, alt text, a breakdown in words."""
