# Writes a text file as a C string: awk -v name=NAME -v header=H -f embed_text.awk FILE
BEGIN {
	printf "/* Generated from %s: do not edit. */\n", ARGV[1]
	if (header != "")
		printf "#include \"%s\"\n", header
	printf "\nconst char %s[] =\n", name
}
{
	gsub(/\\/, "\\\\")
	gsub(/"/, "\\\"")
	printf "\t\"%s\\n\"\n", $0
}
END { print "\t\"\";" }
