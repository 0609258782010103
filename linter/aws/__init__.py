"""The tools' view of the files: botocore's merged model, the source_profile chain, each tool's
credential providers and their order (resolve, js_sdk, toolsupport), regions, endpoints and the
reference data of known settings. Knowledge about a tool lives here, once.
"""
