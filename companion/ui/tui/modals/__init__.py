"""Modal screens: dialogs that sit over another screen and return a value."""
