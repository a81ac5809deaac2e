"""Words: numbers, dates and periods written the Vietnamese way, UI texts (vi/en), labels, sentences, captions."""
