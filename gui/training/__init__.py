"""Training: the dock, the settings form bound to the lesson, the worker thread, the loss plot and boundary view."""
