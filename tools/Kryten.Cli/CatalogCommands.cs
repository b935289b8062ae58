using System.CommandLine;
using System.Text;
using Kryten.Sdk;

namespace Kryten.Cli;

/// <summary>
/// One subcommand per command and query of the schema, made from the generated <see cref="KrytenCommandCatalog"/>
/// (nothing here names a command): <c>AddVideo</c> becomes <c>kryten add-video TYPE ID [--position P] [--temporary]</c>.
/// Required arguments are positional, optional ones are options; the generated method validates them, sends the
/// command and waits for the bridge's typed reply, which is printed.
/// </summary>
internal static class CatalogCommands
{
    public static IEnumerable<Command> Create(CliSettings settings) => KrytenCommandCatalog.All.Select(info => Create(settings, info));

    public static string Kebab(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    private static Command Create(CliSettings settings, KrytenCommandInfo info)
    {
        var description = $"{info.Description ?? info.Command} [bridge {(info.IsQuery ? "query" : "command")} {info.Command}]";
        var command = settings.AddTo(new Command(Kebab(info.Method), description));
        var readers = new List<Func<ParseResult, (string Name, IReadOnlyList<string>? Values)>>();
        for (var i = 0; i < info.Parameters.Count; i++)
        {
            var parameter = info.Parameters[i];
            var last = i == info.Parameters.Count - 1 || !info.Parameters[i + 1].Required;
            readers.Add(parameter.Required && (parameter.Kind != KrytenParameterKind.TextList || last)
                ? Positional(command, parameter)
                : Named(command, parameter));
        }

        CliAction.Set(command, settings, needChannel: true, async (options, output, parse, cancellationToken) =>
        {
            var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var read in readers)
            {
                if (read(parse) is (var name, { } given))
                {
                    values[name] = given;
                }
            }

            await using var client = new KrytenClient(options);
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var reply = await info.InvokeAsync(client, new KrytenCommandArguments(values), channel: null, domain: null, timeout: null, cancellationToken).ConfigureAwait(false);
            output.Value(reply, info.ReplyType);
            return CliExit.Ok;
        });
        return command;
    }

    private static Func<ParseResult, (string, IReadOnlyList<string>?)> Positional(Command command, KrytenCommandParameter parameter)
    {
        if (parameter.Kind == KrytenParameterKind.TextList)
        {
            var list = new Argument<string[]>(parameter.Name) { Description = Describe(parameter), Arity = ArgumentArity.OneOrMore };
            command.Arguments.Add(list);
            return parse => (parameter.Name, parse.GetValue(list));
        }

        var argument = new Argument<string>(parameter.Name) { Description = Describe(parameter) };
        command.Arguments.Add(argument);
        return parse => (parameter.Name, parse.GetValue(argument) is { } text ? [text] : null);
    }

    private static Func<ParseResult, (string, IReadOnlyList<string>?)> Named(Command command, KrytenCommandParameter parameter)
    {
        var name = "--" + Kebab(parameter.Name);
        switch (parameter.Kind)
        {
            case KrytenParameterKind.Boolean:
                // A flag: --temporary alone is true, --temporary false is false, absent is the schema's default.
                var flag = new Option<bool>(name) { Description = Describe(parameter) };
                command.Options.Add(flag);
                return parse => (parameter.Name, parse.GetResult(flag) is null ? null : [parse.GetValue(flag) ? "true" : "false"]);
            case KrytenParameterKind.TextList:
                var list = new Option<string[]>(name) { Description = Describe(parameter) + " (repeatable)", Arity = ArgumentArity.OneOrMore, Required = parameter.Required };
                command.Options.Add(list);
                return parse => (parameter.Name, parse.GetValue(list) is { Length: > 0 } values ? values : null);
            default:
                var option = new Option<string>(name) { Description = Describe(parameter) };
                command.Options.Add(option);
                return parse => (parameter.Name, parse.GetValue(option) is { } text ? [text] : null);
        }
    }

    private static string Describe(KrytenCommandParameter parameter) =>
        (parameter.Description ?? parameter.JsonName) + parameter.Kind switch
        {
            KrytenParameterKind.Integer => " (integer)",
            KrytenParameterKind.Number => " (number)",
            KrytenParameterKind.Boolean => " (true or false)",
            KrytenParameterKind.JsonObject => " (a JSON object)",
            _ => string.Empty,
        };
}
