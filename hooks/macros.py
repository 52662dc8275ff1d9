"""mkdocs-macros module: snippets of generated content for hand-written pages that opt in."""


def define_env(env):
    """Each macro renders a snippet of the content model for the current page."""

    def snippet(name: str) -> str:
        return env.conf["extra"]["guide"].snippet(name, env.page.file.src_uri)

    @env.macro
    def dimension_overview() -> str:
        return snippet("dimension_overview")

    @env.macro
    def capability_list() -> str:
        return snippet("capability_list")

    @env.macro
    def area_cards() -> str:
        return snippet("area_cards")

    @env.macro
    def actions_background() -> str:
        return snippet("actions_background")

    @env.macro
    def pillars() -> str:
        return snippet("pillars")
