<?php
// Runs DeviceDetector (from a local checkout of matomo-org/device-detector, the release
// Matomo's composer.lock pins) on a list of user agents and prints, per user agent, what
// Matomo's tracker reads from it: the bot verdict, and for the report the bot name, client,
// operating system and device type. Nothing of DeviceDetector is copied: the classes are
// loaded from the checkout given. Its YAML files are read by Symfony's YAML component, one
// of the parsers DeviceDetector supports (Debian: php-symfony-yaml), so the checkout needs
// none of its composer dependencies.
// Usage: php device-detector-side.php <device-detector checkout> <user-agents.json>
error_reporting(E_ALL & ~E_DEPRECATED);
[$self, $root, $listFile] = $argv + [null, null, null];
if (!$root || !is_file("$root/DeviceDetector.php") || !$listFile) {
    fwrite(STDERR, "usage: php device-detector-side.php <device-detector checkout> <user-agents.json>\n");
    exit(2);
}
// Debian's package installs the component with an autoloader on PHP's include path.
if (!@include_once 'Symfony/Component/Yaml/autoload.php') {
    fwrite(STDERR, "Symfony's YAML component is missing (apt-get install php-symfony-yaml)\n");
    exit(2);
}
// The checkout's own PSR-4 layout: DeviceDetector\X\Y is X/Y.php below the root.
spl_autoload_register(function (string $class) use ($root): void {
    $prefix = 'DeviceDetector\\';
    if (strncmp($class, $prefix, strlen($prefix)) !== 0) return;
    $file = $root . '/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
    if (is_file($file)) require $file;
});

use DeviceDetector\DeviceDetector;
use DeviceDetector\Yaml\Symfony;

$yaml = new Symfony();
$answers = [];
foreach (json_decode(file_get_contents($listFile), true) as $userAgent) {
    $detector = new DeviceDetector($userAgent);
    $detector->setYamlParser($yaml);
    $detector->parse();
    $bot = $detector->getBot();
    $client = $detector->getClient();
    $os = $detector->getOs();
    $answers[] = [
        'bot' => $detector->isBot(),
        'botName' => is_array($bot) && isset($bot['name']) ? $bot['name'] : null,
        'client' => is_array($client) && ($client['name'] ?? '') !== '' ? $client['name'] : null,
        'os' => is_array($os) && ($os['name'] ?? '') !== '' ? $os['name'] : null,
        'device' => $detector->getDeviceName() !== '' ? $detector->getDeviceName() : null,
    ];
}
echo json_encode($answers, JSON_PARTIAL_OUTPUT_ON_ERROR | JSON_INVALID_UTF8_SUBSTITUTE);
