// The library's one import for its users: every layer, from values up to authoring.
@_exported import S3CheckAuthoring
@_exported import S3CheckEngine
@_exported import S3CheckPacks
@_exported import S3CheckValues
