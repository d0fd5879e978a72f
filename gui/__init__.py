"""Backprop Studio's Qt views. They import the engine; the engine never imports them."""
