"""Document-family loaders. Each module here defines ``LOADER`` (see graphkit.segment.Loader).

Installed as ``graphkit.loaders``; graphkit discovers every module in this package, so adding a
family is adding one module.
"""
