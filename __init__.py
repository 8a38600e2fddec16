"""MinePlan Review 矿产资源规划审查 — QGIS plugin entry point."""


def _install_translator():
    try:
        from .core.support.i18n import install_translator
        install_translator()
    except ImportError:  # imported outside QGIS (pure rules tests): no translator needed
        pass


_install_translator()


def classFactory(iface):  # noqa: N802 - QGIS API name
    from .plugin import MinePlanPlugin
    return MinePlanPlugin(iface)
