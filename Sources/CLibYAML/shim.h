#ifndef OAS2APIGW_CLIBYAML_SHIM_H
#define OAS2APIGW_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
