"""The app in a browser: ``cstui serve``.

A face like the command line and the terminal app. A small aiohttp server signs people in
(their roster passphrase, or on a PostgreSQL store their database role's password), then
runs the real terminal app as that person in a process of its own per browser tab, drawn
by textual-serve's page script. The wall board (:mod:`cstui.web.wall`) shows the team view
read only, without any customer's personal data. Nothing here touches a store directly:
sign-ins are checked and audited through the composition root and the services.
"""
