// policysim: the command line. Subcommands are wired here; each does its work in runner/ or store/.
int main() { return 0; }
