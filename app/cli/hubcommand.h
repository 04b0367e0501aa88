#pragma once

#include "app/core/clientconfig.h"

#include <QStringList>

// tunescout-cli hub pair|status|sync|training|leave: the household hub from the terminal (engine/hubclient).
struct HubCommandOptions {
    QString name; // pair: the member's name in the household
    QString device; // pair: this device's label
    bool allowInsecureHttp = false;
    QString trustFingerprint;
    bool json = false;
};

// arguments: what follows "hub" on the command line. Exit codes: see runHub in hubcommand.cpp and README.
int runHub(const ClientConfig &config, const QStringList &arguments, const HubCommandOptions &options);
