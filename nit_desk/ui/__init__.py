"""What screens may use: runner, events bridge, errors, settings, paths, theme, i18n."""
