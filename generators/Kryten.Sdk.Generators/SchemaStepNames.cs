namespace Kryten.Sdk.Generators;

/// <summary>Tracking names of the schema pipeline's steps (tests assert on their run reasons).</summary>
internal static class SchemaStepNames
{
    public const string Options = "KrytenSchema.Options";
    public const string SchemaFiles = "KrytenSchema.SchemaFiles";
    public const string ParsedFiles = "KrytenSchema.ParsedFiles";
    public const string Bound = "KrytenSchema.Bound";
    public const string Objects = "KrytenSchema.Objects";
    public const string Commands = "KrytenSchema.Commands";
    public const string Context = "KrytenSchema.Context";
    public const string Registry = "KrytenSchema.Registry";
    public const string Wire = "KrytenSchema.Wire";
    public const string CommandsClass = "KrytenSchema.CommandsClass";
    public const string Services = "KrytenSchema.Services";

    public const string CommandCatalog = "KrytenSchema.CommandCatalog";
}
