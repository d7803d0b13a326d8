"""Build hook: the wheel carries the top-level templates/, static/ and migrations/ inside the package
(as innovex/_templates, innovex/_static, innovex/_migrations) and the compiled .mo catalogs."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
FOLDERS = ("templates", "static", "migrations")


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # the checkout's folders are used directly
        target = Path(self.build_lib) / "innovex"
        for name in FOLDERS:
            dest = target / f"_{name}"
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(HERE / name, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        compile_catalogs(target / "translations")


def compile_catalogs(translations: Path) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in (HERE / "innovex" / "translations").glob("*/LC_MESSAGES/messages.po"):
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        mo_path = translations / po_path.relative_to(HERE / "innovex" / "translations").with_suffix(".mo")
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)


setup(cmdclass={"build_py": BuildWithResources})
