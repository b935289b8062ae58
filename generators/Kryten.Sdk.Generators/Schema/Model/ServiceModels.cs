using Kryten.Sdk.Generators.Common;

namespace Kryten.Sdk.Generators.Schema.Model;

/// <summary>A service contract (<c>services:</c>) as written.</summary>
/// <param name="Name">The service name: subject token and <c>service</c> key.</param>
/// <param name="Class">The C# stem of the generated types; null for the PascalCase name.</param>
/// <param name="Doc">Summary text.</param>
/// <param name="Errors">The error codes its commands answer with.</param>
/// <param name="Commands">Its commands.</param>
/// <param name="Location">Where the declaration starts.</param>
internal sealed record ServiceDecl(string Name, string? Class, string? Doc, EquatableArray<ServiceErrorDecl> Errors, EquatableArray<ServiceCommandDecl> Commands, LocationInfo? Location);

/// <summary>One error code of a service contract.</summary>
/// <param name="Code">SNAKE_CASE code.</param>
/// <param name="Doc">What it means.</param>
/// <param name="Location">Where it is written.</param>
internal sealed record ServiceErrorDecl(string Code, string? Doc, LocationInfo? Location);

/// <summary>One command of a service contract as written.</summary>
/// <param name="Command">The dotted command name.</param>
/// <param name="Method">The C# method stem; null for the PascalCase command.</param>
/// <param name="Aliases">Other command names that reach it.</param>
/// <param name="Doc">Summary text.</param>
/// <param name="Args">Arguments (read flat from the request).</param>
/// <param name="Reply">The reply data's type expression; null when data is null.</param>
/// <param name="ReplyDoc">What the reply data holds.</param>
/// <param name="Errors">Error codes it answers with (docs; each declared by the service).</param>
/// <param name="Location">Where the declaration starts.</param>
internal sealed record ServiceCommandDecl(
    string Command,
    string? Method,
    EquatableArray<string> Aliases,
    string? Doc,
    EquatableArray<ArgDecl> Args,
    string? Reply,
    string? ReplyDoc,
    EquatableArray<string> Errors,
    LocationInfo? Location);

/// <summary>A bound service contract: one generated file with its args classes, interface, host and client.</summary>
/// <param name="Name">The service name.</param>
/// <param name="Class">The C# stem.</param>
/// <param name="Doc">Summary text.</param>
/// <param name="Namespace">Namespace of the generated types.</param>
/// <param name="Errors">Its error codes.</param>
/// <param name="Commands">Its commands; built-in ones (<see cref="ServiceCommandModel.BuiltIn"/>) only get client methods.</param>
internal sealed record ServiceModel(string Name, string Class, string? Doc, string Namespace, EquatableArray<ServiceErrorModel> Errors, EquatableArray<ServiceCommandModel> Commands);

/// <summary>A bound error code.</summary>
/// <param name="Code">SNAKE_CASE code.</param>
/// <param name="Constant">Its C# constant name (PascalCase).</param>
/// <param name="Doc">What it means.</param>
internal sealed record ServiceErrorModel(string Code, string Constant, string? Doc);

/// <summary>A bound service command.</summary>
/// <param name="Command">The command name.</param>
/// <param name="Method">The C# method stem.</param>
/// <param name="Aliases">Other names.</param>
/// <param name="Doc">Summary text.</param>
/// <param name="Args">Arguments, required ones first.</param>
/// <param name="Reply">The reply data's type; null when data is null.</param>
/// <param name="ReplyDoc">What the reply data holds.</param>
/// <param name="Errors">Error codes it answers with.</param>
/// <param name="BuiltIn">A <c>system.*</c> command the host answers itself (client method only).</param>
internal sealed record ServiceCommandModel(
    string Command,
    string Method,
    EquatableArray<string> Aliases,
    string? Doc,
    EquatableArray<ArgModel> Args,
    TypeRef? Reply,
    string? ReplyDoc,
    EquatableArray<string> Errors,
    bool BuiltIn);
