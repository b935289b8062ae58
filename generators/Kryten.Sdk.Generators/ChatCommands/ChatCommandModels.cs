using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Handlers;

namespace Kryten.Sdk.Generators.ChatCommands;

// Every model here is an incremental-pipeline value: immutable, structural equality, and no ISymbol,
// SyntaxNode, Compilation or Location (LocationInfo instead), so unchanged commands stay cached.

/// <summary>How a chat command argument is read: which <c>ChatArgument</c> method, or a generated enum switch.</summary>
internal enum ChatParameterKind
{
    /// <summary><c>int</c>.</summary>
    Int32,

    /// <summary><c>long</c>.</summary>
    Int64,

    /// <summary><c>double</c>.</summary>
    Double,

    /// <summary><c>bool</c>.</summary>
    Boolean,

    /// <summary><c>string</c>: one argument.</summary>
    String,

    /// <summary><c>string</c> marked <c>[Remainder]</c>: the rest of the line.</summary>
    Remainder,

    /// <summary>An enum, read by a generated switch over its member names.</summary>
    Enum,

    /// <summary><c>TimeSpan</c>, in the configuration duration format.</summary>
    Duration,

    /// <summary>A type implementing <c>IParsable&lt;T&gt;</c>.</summary>
    Parsable,
}

/// <summary>One argument of a chat command.</summary>
/// <param name="Name">The parameter's name (shown in usage lines and errors).</param>
/// <param name="Kind">How it is read.</param>
/// <param name="Type">Its type as a <c>global::</c> name.</param>
/// <param name="DefaultValue">The C# expression of its default; null when it is required.</param>
/// <param name="EnumMembers">For enums: each lower-case name the user may type, and the member it reads as.</param>
internal sealed record ChatParameterModel(
    string Name,
    ChatParameterKind Kind,
    string Type,
    string? DefaultValue,
    EquatableArray<EnumChoice> EnumMembers)
{
    /// <summary>True when the parameter has a default.</summary>
    public bool IsOptional => DefaultValue is not null;
}

/// <summary>One name an enum argument accepts.</summary>
/// <param name="Typed">The lower-case member name.</param>
/// <param name="Member">The member's C# name.</param>
internal sealed record EnumChoice(string Typed, string Member);

/// <summary>One valid chat command method, as the descriptor table and the dispatch need it.</summary>
/// <param name="MethodName">The method's name.</param>
/// <param name="Name">The command's name.</param>
/// <param name="Aliases">Its aliases.</param>
/// <param name="Summary">The method's XML doc summary as plain text; null without one.</param>
/// <param name="Sources">The attribute's From (ChatCommandSources value).</param>
/// <param name="MinimumRank">[RequireRank]'s rank; null without it.</param>
/// <param name="CooldownSeconds">[Cooldown]'s seconds; 0 without it.</param>
/// <param name="CooldownScope">[Cooldown]'s Per (CooldownScope value).</param>
/// <param name="AllowSlash">The attribute's AllowSlash.</param>
/// <param name="Channel">The attribute's Channel.</param>
/// <param name="Domain">The attribute's Domain.</param>
/// <param name="TakesContext">First parameter is ChatCommandContext.</param>
/// <param name="TakesCancellationToken">Last parameter is CancellationToken.</param>
/// <param name="ReturnsTask">Returns Task (wrapped into ValueTask) rather than ValueTask.</param>
/// <param name="Parameters">The arguments, in order.</param>
internal sealed record ChatCommandModel(
    string MethodName,
    string Name,
    EquatableArray<string> Aliases,
    string? Summary,
    int Sources,
    double? MinimumRank,
    double CooldownSeconds,
    int CooldownScope,
    bool AllowSlash,
    string? Channel,
    string? Domain,
    bool TakesContext,
    bool TakesCancellationToken,
    bool ReturnsTask,
    EquatableArray<ChatParameterModel> Parameters);

/// <summary>The outcome of reading one <c>[ChatCommand]</c> method.</summary>
/// <param name="Class">The class it belongs to (the grouping key).</param>
/// <param name="ClassDiagnostics">Problems of the class itself: no code can be emitted for it.</param>
/// <param name="Command">The command, or null when the method is invalid.</param>
/// <param name="Location">The method name's location, for duplicates found later.</param>
/// <param name="MethodDiagnostics">Problems of the method.</param>
internal sealed record ChatCommandMethodResult(
    HandlerClassInfo Class,
    EquatableArray<DiagnosticInfo> ClassDiagnostics,
    ChatCommandModel? Command,
    LocationInfo? Location,
    EquatableArray<DiagnosticInfo> MethodDiagnostics);

/// <summary>What the emitter writes for one class: no locations, so moving code does not re-emit.</summary>
/// <param name="Class">Where to emit.</param>
/// <param name="Commands">Valid commands in declaration order (index = position).</param>
internal sealed record ChatCommandSetModel(HandlerClassInfo Class, EquatableArray<ChatCommandModel> Commands)
{
    /// <summary>The generated file's hint name.</summary>
    public string HintName =>
        Class.MetadataName.Replace('+', '.').Replace('`', '_') + ".KrytenChatCommands.g.cs";
}

/// <summary>One class with chat commands: its set (null if none can be emitted) and all its diagnostics.</summary>
internal sealed record ChatCommandClassModel(ChatCommandSetModel? Set, EquatableArray<DiagnosticInfo> Diagnostics);
