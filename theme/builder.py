"""Sphinx's HTML builder for the book (see the package's docstring)."""
import os
import posixpath

from sphinx.builders.html import StandaloneHTMLBuilder

from . import MDL


class HTMLBuilder(StandaloneHTMLBuilder):
    """Sphinx's HTML builder, copying of d2lbook's theme (mxtheme) only the files pages use.
    The theme ships Material Design Lite whole, 280 colour sheets and its sources (43 MB);
    the layout links one sheet, named by the theme's colour options. Every build copied the
    rest into the book, and every published and kept copy of the book held it again."""

    def copy_theme_static_files(self, context):
        from sphinx.util.fileutil import copy_asset
        from sphinx.util.matching import DOTFILES
        used = {f"{MDL}/material.{context['theme_primary_color']}-{context['theme_accent_color']}.min.css",
                f"{MDL}/LICENSE"}

        def unused(rel):
            rel = posixpath.normpath(rel)
            return DOTFILES(rel) or (rel.startswith(MDL + "/") and rel not in used)

        static = os.path.join(self.outdir, "_static")
        for entry in self.theme.get_theme_dirs()[::-1]:
            copy_asset(os.path.join(entry, "static"), static, excluded=unused, context=context, renderer=self.templates)
        for name in os.listdir(os.path.join(static, MDL)) if os.path.isdir(os.path.join(static, MDL)) else []:
            if unused(f"{MDL}/{name}"):  # left in Sphinx's work folder by a build before this one
                os.remove(os.path.join(static, MDL, name))
