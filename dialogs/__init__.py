"""UI only: docks and dialogs that run the same engine and algorithms as the processing provider."""
